import { Navigate, Route, Routes } from 'react-router';
import { Layout, RequireUser } from './components/Layout';
import { LoginPage, LogoutPage, SignUpPage } from './pages/AuthPages';
import { EventsPage } from './pages/EventsPage';
import { WalletPage } from './pages/WalletPage';
import { PurchasesPage } from './pages/PurchasesPage';
import { PurchaseDetailPage } from './pages/PurchaseDetailPage';
import { CreateEventPage } from './pages/CreateEventPage';
import { DoorCheckPage } from './pages/DoorCheckPage';
import { NotFoundPage } from './pages/NotFoundPage';

export function App() {
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<Navigate to="/events" replace />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignUpPage />} />
        <Route path="/logout" element={<LogoutPage />} />
        <Route path="/events" element={<EventsPage />} />
        <Route path="/wallet" element={<RequireUser><WalletPage /></RequireUser>} />
        <Route path="/purchases" element={<RequireUser><PurchasesPage /></RequireUser>} />
        <Route path="/purchases/:id" element={<RequireUser><PurchaseDetailPage /></RequireUser>} />
        <Route path="/admin/events/new" element={<RequireUser admin><CreateEventPage /></RequireUser>} />
        <Route path="/admin/door" element={<RequireUser admin><DoorCheckPage /></RequireUser>} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}

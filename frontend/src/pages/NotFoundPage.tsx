import { Link } from 'react-router';
import { usePageTitle } from '../lib/usePageTitle';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <section className="panel">
      <h1>Page not found</h1>
      <p>
        There is nothing here. <Link to="/events">See the events</Link>.
      </p>
    </section>
  );
}

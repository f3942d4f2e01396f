import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <section className="panel">
      <h1>Page not found</h1>
      <p>
        There is nothing here. <Link to="/events">See the events</Link>.
      </p>
    </section>
  );
}

import { routeHref } from "../routing/route.ts";
import { UntrustedText } from "./UntrustedText.tsx";

/** A page that failed while showing itself: what failed, in words, and the two ways on. */
export function PageError({ error }: { error: Error }) {
  return (
    <section className="page" aria-labelledby="page-error-title" data-testid="page-error">
      <h1 id="page-error-title">This page stopped working</h1>
      <p role="alert">
        It failed while showing itself: <UntrustedText text={error.message || error.name} what="message" />
      </p>
      <p>Reload to try again, or go to Verify. If it happens again, the message above says what failed.</p>
      <div className="row">
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          Reload the page
        </button>
        <a className="button" href={routeHref({ page: "verify" })}>
          Go to Verify
        </a>
      </div>
    </section>
  );
}

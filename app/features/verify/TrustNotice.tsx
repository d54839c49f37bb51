import { routeHref } from "../../routing/route.ts";
import { useLinkPublishers, usePins, useTrustedScopes } from "../../trust/useTrust.ts";
import { Hex } from "../../ui/Hex.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";

/** Whom this verification trusts, said before the verdict so VERIFIED is never a surprise. */
export function TrustNotice({ requestedName }: { requestedName: string | null }) {
  const link = useLinkPublishers();
  const pins = usePins();
  const scopes = useTrustedScopes();
  return (
    <div className="trust-notice muted" data-testid="trust-notice">
      {link.publishers.length > 0 && (
        <p>
          This link trusts{" "}
          {link.publishers.map((address) => (
            <Hex key={address} value={address} label="publisher trusted by the link" />
          ))}{" "}
          for every name.
        </p>
      )}
      {link.invalid.length > 0 && (
        <p role="alert">
          Ignored a publisher in the link that is not an address:{" "}
          {link.invalid.map((value, index) => (
            <span key={index}>
              {index > 0 && ", "}
              <UntrustedText text={value} what="link parameter" code />
            </span>
          ))}
          .
        </p>
      )}
      <p>
        You trust{" "}
        {pins.length === 0 ? "no publisher yet" : `${pins.length} publisher pin${pins.length === 1 ? "" : "s"}`}
        {scopes.length > 0 &&
          ` and whoever proves control of ${scopes.length === 1 ? "1 scope" : `${scopes.length} scopes`}`}{" "}
        in this browser (<a href={routeHref({ page: "trust" })}>manage</a>).
        {requestedName && (
          <>
            {" "}
            Checking the name <UntrustedText text={requestedName} what="name" code />.
          </>
        )}
      </p>
    </div>
  );
}

// `--deadline`: a whole number of days from now, or an ISO 8601 date with a time zone; as
// unix seconds for the signature. The page offers 1 to 30 days; the CLI allows up to a year.
const DEFAULT_DEADLINE_DAYS = 7;
const MAX_DAYS = 366;
const DAY = 24 * 60 * 60;

export class DeadlineError extends Error {
  override readonly name = "DeadlineError";
}

export function parseDeadline(text: string | undefined, nowSeconds: number): bigint {
  if (text === undefined) return BigInt(Math.floor(nowSeconds) + DEFAULT_DEADLINE_DAYS * DAY);
  if (/^\d+$/.test(text)) {
    const days = Number(text);
    if (days < 1 || days > MAX_DAYS)
      throw new DeadlineError(`--deadline in days must be from 1 to ${MAX_DAYS}: "${text}"`);
    return BigInt(Math.floor(nowSeconds) + days * DAY);
  }
  // A date without a zone would be read in the signer's local time and mean another instant elsewhere.
  const iso =
    /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d))?$/.test(text) &&
    (text.length === 10 || /(?:Z|[+-]\d\d:\d\d)$/.test(text));
  const millis = iso ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : Number.NaN;
  if (Number.isNaN(millis))
    throw new DeadlineError(
      `--deadline must be days (e.g. 7) or an ISO date with a time zone (e.g. 2026-12-31 or 2026-12-31T18:00:00Z): "${text}"`,
    );
  const seconds = Math.floor(millis / 1000);
  if (seconds <= nowSeconds) throw new DeadlineError(`--deadline ${text} has already passed.`);
  if (seconds > nowSeconds + MAX_DAYS * DAY)
    throw new DeadlineError(`--deadline ${text} is more than ${MAX_DAYS} days away; sign again later instead.`);
  return BigInt(seconds);
}

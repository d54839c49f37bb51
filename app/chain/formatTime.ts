// Times in messages: unambiguous UTC, to the second, so a CLI log and a page agree.

/** `2026-11-22 19:06:01 UTC` for unix seconds. */
export function formatUnixTime(seconds: number | bigint): string {
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return `timestamp ${String(seconds)}`;
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

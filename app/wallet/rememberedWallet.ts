// Whether this browser connected a wallet before: then the next visit loads the wallet chunk
// at once, so the connection comes back without a click.
const USED_KEY = "imageseal.wallet.used";

export function rememberWalletUse(used: boolean): void {
  if (used) window.localStorage.setItem(USED_KEY, "1");
  else window.localStorage.removeItem(USED_KEY);
}

export function walletWasUsed(): boolean {
  return window.localStorage.getItem(USED_KEY) === "1";
}

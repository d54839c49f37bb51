/** Saves `text` as a file the user downloads; nothing is sent anywhere. */
export function downloadText(fileName: string, text: string, type = "application/json"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // Give the browser the click before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

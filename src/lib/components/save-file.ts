/**
 * Hand the browser a file to save: text, bytes or a data URL made here, never sent anywhere. The one
 * way every download button and the import panel's "Save anonymised extract" save a file.
 */
export function saveFile(filename: string, content: string | Uint8Array, type: string): void {
  const isUrl = typeof content === 'string' && content.startsWith('data:');
  const href = isUrl ? content : URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (!isUrl) setTimeout(() => URL.revokeObjectURL(href), 1000);
}

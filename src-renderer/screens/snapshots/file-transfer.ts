/**
 * Moving snapshot files between the browser and main: gzip + base64 both ways (the serve socket
 * carries JSON text, and SQLite files shrink several times under gzip). Works the same in Electron,
 * whose download manager shows the save dialog for the generated link.
 */

async function pipeThrough(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const response = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A picked or dropped file, ready for `snapshots/open-file`. */
export async function fileForUpload(file: File): Promise<{ fileName: string; gzipBase64: string }> {
  const gzipped = await pipeThrough(new Uint8Array(await file.arrayBuffer()), new CompressionStream('gzip'));
  return { fileName: file.name, gzipBase64: toBase64(gzipped) };
}

/** Saves what `snapshots/export-file` returned as a download named `fileName`. */
export async function downloadSnapshot(fileName: string, gzipBase64: string): Promise<void> {
  const bytes = await pipeThrough(fromBase64(gzipBase64), new DecompressionStream('gzip'));
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.sqlite3' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

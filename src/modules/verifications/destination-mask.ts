/**
 * A destination as a response may show it: enough for the user to recognise it ("346****0000",
 * "a***@example.com"), not enough to harvest it from logs or a shared screen.
 */
export function maskDestination(destination: string): string {
  const at = destination.lastIndexOf('@');
  if (at > 0) return `${destination[0]}***${destination.slice(at)}`;
  const hidden = Math.max(1, destination.length - 7);
  return `${destination.slice(0, 3)}${'*'.repeat(hidden)}${destination.slice(3 + hidden)}`;
}

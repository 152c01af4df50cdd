/** Afilnet's `key:value,key:value` lists as the simulator reads them; `undefined` when the text is malformed. */
export function parsePairs(text: string): Record<string, string> | undefined {
  const values = Object.create(null) as Record<string, string>;
  if (text.trim() === '') return values;
  for (const pair of text.split(',')) {
    const separator = pair.indexOf(':');
    if (separator <= 0) return undefined;
    values[pair.slice(0, separator).trim()] = pair.slice(separator + 1);
  }
  return values;
}

/** Replaces `<name>` placeholders (case-insensitive); unknown placeholders are left as they are. */
export function renderTemplate(message: string, values: Readonly<Record<string, string>>): string {
  const lower = new Map(Object.entries(values).map(([key, value]) => [key.toLowerCase(), value]));
  return message.replace(
    /<([A-Za-z][A-Za-z0-9_]*)>/g,
    (placeholder, name: string) => lower.get(name.toLowerCase()) ?? placeholder,
  );
}

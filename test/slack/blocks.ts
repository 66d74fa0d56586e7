/** Every text object's text in a list of blocks (sections, headers, context elements), in order. */
export function blockTexts(blocks: readonly unknown[]): string[] {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const object = value as Record<string, unknown>;
    if (
      (object.type === "mrkdwn" || object.type === "plain_text") &&
      typeof object.text === "string"
    ) {
      texts.push(object.text);
      return;
    }
    for (const child of Object.values(object)) visit(child);
  };
  visit(blocks);
  return texts;
}

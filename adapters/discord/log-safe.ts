/**
 * An error as a log object. Discord's errors carry the request URL, and interaction webhook URLs
 * contain the interaction token, so only the name, message and status fields are kept.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, status, method } = error as { code?: unknown; status?: unknown; method?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(code !== undefined && { code }),
    ...(status !== undefined && { status }),
    ...(method !== undefined && { method }),
  };
}

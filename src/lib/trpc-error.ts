/** Validation messages by dotted field path ("run.rpe"), as the server's error formatter sends them. */
export function fieldErrors(error: unknown): Record<string, string> {
  const data = (error as { data?: { fieldErrors?: Record<string, string[] | undefined> } } | null)?.data;
  return Object.fromEntries(
    Object.entries(data?.fieldErrors ?? {}).flatMap(([path, messages]) => (messages?.[0] ? [[path, messages[0]]] : [])),
  );
}

/** The message to show for a failed tRPC call: the server's words for 4xx, a calm fallback otherwise. */
export function errorMessage(error: unknown): string {
  const firstFieldError = Object.values(fieldErrors(error))[0];
  if (firstFieldError) return firstFieldError;
  if (error && typeof error === "object" && "message" in error && typeof error.message === "string" && error.message) {
    // A raw validation dump is no message for a person.
    return error.message.startsWith("[") ? "Please check the form." : error.message;
  }
  return "Something went wrong. Please try again.";
}

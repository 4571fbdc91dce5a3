/** The message to show for a failed tRPC call: the server's words for 4xx, a calm fallback otherwise. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error && typeof error.message === "string" && error.message) {
    const data = (error as { data?: { fieldErrors?: Record<string, string[] | undefined> } }).data;
    const firstFieldError = data?.fieldErrors ? Object.values(data.fieldErrors).flat().find(Boolean) : undefined;
    return firstFieldError ?? (error.message.startsWith("[") ? "Please check the form." : error.message);
  }
  return "Something went wrong. Please try again.";
}

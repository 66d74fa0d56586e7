import { ChatopsError } from "../errors.js";

/**
 * A chat surface could not do what the page needed (post in a channel, start a thread).
 * Its message is written for the person who typed the command: what went wrong and what to do.
 */
export class SurfaceError extends ChatopsError {
  constructor(message: string, options?: ErrorOptions) {
    super("SURFACE", message, options);
  }
}

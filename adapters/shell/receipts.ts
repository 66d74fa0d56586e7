import type { Writable } from "node:stream";
import type { ReceiptEvent } from "../../src/kit.js";
import { renderReceiptEvent } from "../../src/kit.js";

/** The terminal prints each delivery receipt as it arrives, while it runs. */
export function printReceipts(output: Writable): (event: ReceiptEvent) => void {
  return (event) => {
    output.write(`${renderReceiptEvent(event)}\n`);
  };
}

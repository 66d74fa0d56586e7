// The error codes the Slack adapter adds to the product's union (stable, documented API).

declare module "../../src/kit.js" {
  interface AdapterErrorCodes {
    /** Slack refused a lookup of a user or group. */
    SLACK_DIRECTORY: true;
    /** A Slack recipient could not be turned into a number. */
    SLACK_RECIPIENT: true;
    /** Slack answered in a way its API does not allow, or the connection to it ended early. */
    SLACK_API: true;
  }
}

export {};

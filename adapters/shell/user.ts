import { userInfo } from "node:os";

/**
 * The name of whoever runs the terminal, for the parent message and the history. Under a user
 * id with no passwd entry (OpenShift, many Kubernetes set-ups) os.userInfo() throws: then the
 * login name from the environment, else the bare user id.
 */
export function terminalUser(
  lookup: () => { username: string } = userInfo,
  env: Record<string, string | undefined> = process.env,
  uid: number | undefined = process.getuid?.(),
): string {
  try {
    return lookup().username;
  } catch {
    return env.USER || env.LOGNAME || `uid ${uid ?? "unknown"}`;
  }
}

/**
 * The name of whoever runs the terminal, for the parent message and the history. Under a user
 * id with no passwd entry (OpenShift, many Kubernetes set-ups) os.userInfo() throws: then the
 * login name from the environment, else the bare user id. The composition root passes in the
 * system's lookup, its environment and the process's user id.
 */
export function terminalUser(
  lookup: () => { username: string },
  env: Readonly<Record<string, string | undefined>>,
  uid: number | undefined,
): string {
  try {
    return lookup().username;
  } catch {
    return env.USER || env.LOGNAME || `uid ${uid ?? "unknown"}`;
  }
}

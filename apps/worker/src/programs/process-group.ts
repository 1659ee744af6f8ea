/**
 * Signals a program's whole process group (its pid is the group's id), so what the program
 * started ends with it. False when the group is already gone.
 */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

import { z } from 'zod';

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
  historyCount: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3, historyCount: 5 };

export type PasswordProblem =
  | 'too_short'
  | 'too_few_classes'
  | 'contains_username'
  | 'too_long'
  | 'control_chars';

/** Counts the character classes (lower, upper, digit, other) present in a password. */
export function characterClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^a-zA-Z0-9]/.test(password)) n++;
  return n;
}

/**
 * Checks a new password against the policy: length, character classes and not being (or
 * containing) the username. Reuse of recent passwords needs the hashes and is checked by the server.
 */
export function checkPassword(
  password: string,
  username: string,
  policy = DEFAULT_PASSWORD_POLICY,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(password)) problems.push('control_chars');
  if ([...password].length < policy.minLength) problems.push('too_short');
  if (password.length > 128) problems.push('too_long');
  if (characterClasses(password) < policy.minClasses) problems.push('too_few_classes');
  const u = username.trim().toLowerCase();
  if (u.length >= 3 && password.toLowerCase().includes(u)) problems.push('contains_username');
  return problems;
}

/** Whether a password set at `changedAt` has expired after `maxAgeDays` (0 = never). */
export function isPasswordExpired(changedAt: Date, maxAgeDays: number, now = new Date()): boolean {
  if (maxAgeDays <= 0) return false;
  return now.getTime() - changedAt.getTime() > maxAgeDays * 86_400_000;
}

export const passwordField = z.string().min(1).max(128);

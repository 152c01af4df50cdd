import { API_KEY_NAME } from './api-keys.js';
import { ConfigurationError } from './environment.js';

/** One caller's daily credit budget, from `CREDIT_BUDGETS`. */
export interface CreditBudgetConfig {
  /** The API key name the budget applies to. */
  readonly caller: string;
  /** Credits the caller may spend per UTC day. */
  readonly creditsPerDay: number;
}

// Decimal notation only: Number() would also take "0x10", "1e3" or "Infinity".
const CREDITS = /^\d+(\.\d+)?$/;

/** Parses `name:credits` entries, comma-separated; each name at most once, each budget a positive number. */
export function parseCreditBudgets(raw: string | undefined): CreditBudgetConfig[] {
  if (raw === undefined) return [];
  const budgets = raw.split(',').map((entry, index) => parseEntry(entry.trim(), index + 1));
  const names = budgets.map((budget) => budget.caller);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) fail(`has two budgets for "${duplicate}"`);
  return budgets;
}

function parseEntry(entry: string, position: number): CreditBudgetConfig {
  const [caller, credits, ...extra] = entry.split(':');
  if (!API_KEY_NAME.test(caller) || credits === undefined || extra.length > 0) {
    fail(
      `entry ${position} must be name:credits, the name as an API key's (letters, digits, "_", "." or "-")`,
    );
  }
  const creditsPerDay = CREDITS.test(credits.trim()) ? Number(credits) : Number.NaN;
  if (!(creditsPerDay > 0)) fail(`entry ${position} ("${caller}") must give a positive number of credits`);
  return { caller, creditsPerDay };
}

function fail(reason: string): never {
  throw new ConfigurationError(`Invalid configuration: CREDIT_BUDGETS ${reason}`);
}

/**
 * The command lines' one flag reader: `--name value`, `--name=value` and switches, `--help`/`-h`.
 * Misuse (a flag it does not know, a value missing) throws UsageError, which each command turns
 * into its usage text and exit code 2.
 */
export class UsageError extends Error {}

export type FlagKind = 'value' | 'switch' | 'list';

export interface ReadFlags {
  help: boolean;
  /** The value of each value flag given (the last wins), keyed by flag name with its dashes. */
  values: Map<string, string>;
  switches: Set<string>;
  /** Every value of each list flag given (a list flag may be repeated), in order. */
  lists: Map<string, string[]>;
}

export function readFlags(argv: readonly string[], known: Readonly<Record<string, FlagKind>>): ReadFlags {
  const out: ReadFlags = { help: false, values: new Map(), switches: new Set(), lists: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return { ...out, help: true };
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const kind = known[name];
    if (kind === 'switch' && eq < 0) {
      out.switches.add(name);
    } else if (kind === 'value' || kind === 'list') {
      let v: string | undefined;
      if (eq > 0) v = a.slice(eq + 1);
      else {
        v = argv[++i];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value.`);
      }
      if (kind === 'list') out.lists.set(name, [...(out.lists.get(name) ?? []), v]);
      else out.values.set(name, v);
    } else {
      throw new UsageError(`Unknown argument: ${a}`);
    }
  }
  return out;
}

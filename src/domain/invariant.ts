/**
 * Checks of what the code itself guarantees (an array index inside its bounds, a field a schema's
 * refinement made required, a row a batch just inserted). They replace TypeScript's unchecked `!`: when
 * the guarantee is broken, the error says what was missing instead of a later "cannot read properties of
 * undefined". Values from outside are parsed with zod, never checked here.
 */

/** `value`, or an Error naming `what` when it is undefined or null (a broken invariant, a bug). */
export function defined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`internal invariant broken: ${what} is missing`);
  return value;
}

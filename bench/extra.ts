/** Figures that later parts of the project add (Office adapter syncs and bytes, bundle sizes). */
export async function extraBenches(_dir: string): Promise<[string, string][]> {
  return [];
}

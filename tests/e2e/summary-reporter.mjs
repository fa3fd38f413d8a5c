// A node:test reporter that ends the run with one plain line: "e2e: N passed, N failed".
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    const data = event.data ?? {};
    // Suites (describe) and whole files are containers, not tests.
    if (data.details?.type === 'suite' || data.file === undefined && data.nesting === 0 && data.name?.endsWith('.mjs')) continue;
    if (event.type === 'test:pass') {
      if (data.skip || data.todo) skipped += 1;
      else passed += 1;
    } else if (event.type === 'test:fail') {
      failed += 1;
    }
  }
  yield `\ne2e: ${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}

// Prints vitest's JSON report as the plain line "N passed, N failed" (", N skipped" when any).
// Exits 1 when the report is missing, when anything failed, or when no test ran at all.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.ci/vitest-report.json';
let report: { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numTotalTests: number };
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log('0 passed, 1 failed');
  console.error(`vitest report ${file} unreadable: ${(error as Error).message}`);
  process.exit(1);
}
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(report.numFailedTests > 0 || report.numTotalTests === 0 ? 1 : 0);

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT_DOC_PATH, currentContractDoc } from '../src/cli/contract-docs.ts';
import { KIND_NAMES } from '../src/sources/contract/kinds.ts';

describe('docs/data-contract.md', () => {
  it('is what `npm run contract-docs` makes from the contract table (run it after changing the contract)', () => {
    expect(readFileSync(CONTRACT_DOC_PATH, 'utf8')).toBe(currentContractDoc());
  });

  it('documents every kind', () => {
    const doc = currentContractDoc();
    for (const kind of KIND_NAMES) expect(doc).toContain(`### \`${kind}\``);
  });
});

describe('README.md', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  it('gives the two commands and links the data contract', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    expect(readme).toContain('docs/data-contract.md');
  });
});

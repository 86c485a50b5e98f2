import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../platform/database/embedded-postgres';
import { pendingSchemaChanges } from './pending-schema-changes';

/**
 * Writes `migrations/<timestamp>-<Name>.ts` with what the entities need beyond the current migrations,
 * computed on a scratch embedded database, and appends it to migrations/index.ts. Review it before committing.
 * Usage: npm run migration:generate -- AddCoupons
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('Give the migration a PascalCase name');
  const scratch = await startEmbeddedPostgres(null, 4);
  try {
    const diff = await pendingSchemaChanges(scratch.url);
    if (diff.up.length === 0) {
      console.log('Entities and migrations agree: nothing to generate.');
      return;
    }
    const timestamp = Date.now();
    const lines = (queries: string[]) => queries.map((q) => `    await queryRunner.query(\`${q.trim()}\`);`).join('\n');
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(diff.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(diff.down)}
  }
}
`;
    const folder = join(__dirname, '../../../migrations');
    const file = join(folder, `${timestamp}-${name}.ts`);
    writeFileSync(file, source);
    const indexFile = join(folder, 'index.ts');
    const index = readFileSync(indexFile, 'utf8')
      .replace(/^(import [^\n]+\n)(?!import)/m, `$1import { ${name}${timestamp} } from './${timestamp}-${name}';\n`)
      .replace(/,?\s*\];\s*$/, `, ${name}${timestamp}];\n`);
    writeFileSync(indexFile, index);
    console.log(`Wrote ${file} and listed it in migrations/index.ts`);
  } finally {
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

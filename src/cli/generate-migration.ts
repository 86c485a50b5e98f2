import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../platform/database/embedded-postgres';
import { pendingSchemaChanges } from './pending-schema-changes';

/**
 * Writes `migrations/<timestamp>-<Name>.ts` with what the entities need beyond the current migrations,
 * computed on a scratch embedded database. Review it, then append the class to migrations/index.ts.
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
    const file = join(__dirname, '../../../migrations', `${timestamp}-${name}.ts`);
    writeFileSync(file, source);
    console.log(`Wrote ${file}; add ${name}${timestamp} to migrations/index.ts`);
  } finally {
    await scratch.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { PassThrough } from 'node:stream';
import { Controller, Module, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '@app/auth';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

const SECRET_PARAMETER = '$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0LXNhbHQ';
const SECRET_EMAIL = 'victim-3f9a@example.com';

/** Routes whose queries fail with secrets as parameters, as an unexpected database error would. */
@Controller('test/failing-query')
class FailingQueryController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post('division')
  @Public()
  async division() {
    await this.dataSource.query('SELECT 1 / (length($1::text) - length($1::text)) WHERE $2::text IS NOT NULL', [
      SECRET_PARAMETER,
      SECRET_EMAIL,
    ]);
  }

  /** A unique violation: PostgreSQL's detail line repeats the key's value. */
  @Post('duplicate')
  @Public()
  async duplicate() {
    await this.dataSource.query('CREATE TABLE IF NOT EXISTS log_probe (email text PRIMARY KEY)');
    await this.dataSource.query('INSERT INTO log_probe (email) VALUES ($1), ($1)', [SECRET_EMAIL]);
  }
}

@Module({ controllers: [FailingQueryController] })
class FailingQueryModule {}

describe('Logs of a failed query', () => {
  let testApp: TestApp;
  let logs = '';
  let consoleOutput = '';
  const consoleSpies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    testApp = await startTestApp({ LOG_LEVEL: 'info' }, undefined, {
      imports: [FailingQueryModule],
      logDestination: logStream,
    });
    for (const method of ['log', 'info', 'warn', 'error'] as const)
      consoleSpies.push(
        jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          consoleOutput += `${args.map(String).join(' ')}\n`;
        }),
      );
  });

  afterAll(async () => {
    for (const spy of consoleSpies) spy.mockRestore();
    await testApp?.close();
  });

  it.each([
    ['division', '22012', 'division by zero'],
    ['duplicate', '23505', 'duplicate key value violates unique constraint'],
  ])(
    '%s: logs the SQLSTATE, message and statement, never a parameter (nor the console)',
    async (route, code, message) => {
      logs = '';
      consoleOutput = '';
      const response = await testApp.http().post(`/test/failing-query/${route}`).expect(500);
      expect(response.body).toMatchObject({ statusCode: 500, code: 'internal_error' });
      await new Promise((resolve) => setImmediate(resolve));

      const lines = logs
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const databaseLine = lines.find((line) => line.context === 'Database');
      expect(databaseLine?.msg).toContain(`Query failed (SQLSTATE ${code}): ${message}`);
      const errorLine = lines.find((line) => line.context === 'Errors');
      expect(errorLine?.err).toMatchObject({ code, query: expect.any(String) });
      expect(logs).not.toContain(SECRET_EMAIL);
      expect(logs).not.toContain(SECRET_PARAMETER);
      expect(consoleOutput).not.toContain(SECRET_EMAIL);
      expect(consoleOutput).not.toContain(SECRET_PARAMETER);
    },
  );
});

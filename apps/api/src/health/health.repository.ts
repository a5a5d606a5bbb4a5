import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findUser(id: string): Promise<{ email: string | null; name: string | null; isMachine: boolean } | null> {
    const rows = await this.dataSource.query(`SELECT email, name, is_machine AS "isMachine" FROM users WHERE id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}

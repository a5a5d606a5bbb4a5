import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClicksRepository } from './clicks.repository';

/**
 * The salt of the visitor hash, one per UTC day, shared by every instance through the database, so a
 * visitor hashes the same on every instance that day and differently the next day.
 */
@Injectable()
export class VisitorSalts {
  private readonly salts = new Map<string, Promise<string>>();

  constructor(private readonly repository: ClicksRepository) {}

  saltFor(day: string): Promise<string> {
    let salt = this.salts.get(day);
    if (!salt) {
      salt = this.fetch(day);
      this.salts.set(day, salt);
      salt.catch(() => this.salts.delete(day));
    }
    return salt;
  }

  private async fetch(day: string): Promise<string> {
    const salt = await this.repository.saltForDay(day, randomBytes(32).toString('hex'));
    // Yesterday's salt stays for clicks still buffered across midnight; older ones go, here and in the database.
    const yesterday = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    for (const known of this.salts.keys()) if (known < yesterday) this.salts.delete(known);
    await this.repository.deleteSaltsBefore(yesterday);
    return salt;
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One transaction that the repositories called within `run` all join (an import commits a chunk's links with
 * its progress). Called again inside, `run` opens a savepoint. Only repositories that read `manager` join: a
 * service reached from `work` must not query through the pool (PGlite has one connection).
 */
@Injectable()
export class TransactionScope {
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The open transaction's manager when inside `run`, else the pool's. */
  get manager(): EntityManager {
    return this.current.getStore() ?? this.dataSource.manager;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.manager.transaction((manager) => this.current.run(manager, work));
  }
}

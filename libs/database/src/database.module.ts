import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/common';
import type { DataSourceOptions } from 'typeorm';
import { openDataSource, OpenedDataSource } from './data-source.factory';
import { SHARED_ENTITIES } from './entities';
import { TransactionScope } from './transaction-scope';

const OPENED_DATA_SOURCE = Symbol('OPENED_DATA_SOURCE');

/** Opens the database (real PostgreSQL or embedded PGlite), runs migrations, and closes both on shutdown. */
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(OPENED_DATA_SOURCE) private readonly opened: OpenedDataSource) {}

  /** `initialData`: where an in-memory embedded database starts (see DatabaseTarget). */
  static forRoot(config: AppConfig, initialData?: Blob): DynamicModule {
    let opened: OpenedDataSource | undefined;
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ type: 'postgres', entities: SHARED_ENTITIES, autoLoadEntities: true }),
          dataSourceFactory: async (options?: DataSourceOptions) => {
            opened = await openDataSource(
              { url: config.DATABASE_URL, dataDir: config.DATA_DIR, initialData },
              { entities: options?.entities },
            );
            return opened.dataSource;
          },
        }),
      ],
      // Depends on the data source so it resolves after the factory above has run.
      providers: [
        { provide: OPENED_DATA_SOURCE, inject: [getDataSourceToken()], useFactory: () => opened },
        TransactionScope,
      ],
      exports: [TransactionScope],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.opened.close();
  }
}

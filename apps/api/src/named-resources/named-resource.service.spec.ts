import type { AuthContext } from '@app/auth';
import { AppException } from '@app/common';
import { isUniqueViolation } from '@app/database';
import type { NamedResourceRepository, NamedResourceRow } from './named-resource.repository';
import { NamedResourceService } from './named-resource.service';

/**
 * The race the e2e specs cannot stage on demand: the name is free when checked, then a concurrent
 * write takes it and the unique index refuses ours. A real database adds nothing to that, so it is faked here.
 */
interface WidgetDto {
  id: string;
  name: string;
}

class WidgetsService extends NamedResourceService<NamedResourceRow, WidgetDto, { name: string }, { name?: string }> {
  constructor(repository: NamedResourceRepository<NamedResourceRow>) {
    super(repository, {
      noun: 'widget',
      idKind: 'folder',
      quota: 'folders',
      toDto: (row) => ({ id: row.id, name: row.name }),
      toColumns: (dto) => ({ name: dto.name }),
    });
  }
}

const NAME_INDEX = 'widgets_workspace_name_key';
const auth = { workspaceId: 'ws_1' } as AuthContext;
const existing: NamedResourceRow = {
  id: 'fld_1',
  workspaceId: 'ws_1',
  name: 'Old',
  createdAt: new Date(),
  updatedAt: new Date(),
};

function uniqueViolation(constraint: string): Error {
  return Object.assign(new Error('duplicate key value violates unique constraint'), {
    driverError: { code: '23505', constraint },
  });
}

function fakeRepository(overrides: Partial<Record<keyof NamedResourceRepository<NamedResourceRow>, jest.Mock>>) {
  return {
    findById: jest.fn().mockResolvedValue(existing),
    findIdByName: jest.fn().mockResolvedValue(null),
    countLinks: jest.fn().mockResolvedValue(new Map()),
    isNameTaken: (error: unknown) => isUniqueViolation(error, NAME_INDEX),
    ...overrides,
  } as unknown as NamedResourceRepository<NamedResourceRow>;
}

describe('NamedResourceService', () => {
  it('answers 409 when the unique index refuses a create that passed the name check', async () => {
    const service = new WidgetsService(
      fakeRepository({ insertWithinQuota: jest.fn().mockRejectedValue(uniqueViolation(NAME_INDEX)) }),
    );
    await expect(service.create(auth, { name: 'Taken' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'A widget named "Taken" already exists in this workspace (names are compared ignoring case)',
    });
  });

  it('answers 409 when the unique index refuses a rename that passed the name check', async () => {
    const service = new WidgetsService(
      fakeRepository({ update: jest.fn().mockRejectedValue(uniqueViolation(NAME_INDEX)) }),
    );
    await expect(service.update(auth, 'fld_1', { name: 'Taken' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lets any other database error through as it is (a 500, not a misleading 409)', async () => {
    const otherViolation = uniqueViolation('widgets_pkey');
    const service = new WidgetsService(
      fakeRepository({ insertWithinQuota: jest.fn().mockRejectedValue(otherViolation) }),
    );
    await expect(service.create(auth, { name: 'Fresh' })).rejects.toBe(otherViolation);
  });

  it('hands the plan quota check to the locked insert', async () => {
    const insertWithinQuota = jest
      .fn()
      .mockImplementation(async (row: NamedResourceRow) => ({ ...row, createdAt: new Date(), updatedAt: new Date() }));
    const service = new WidgetsService(fakeRepository({ insertWithinQuota }));
    await service.create(auth, { name: 'Fresh' });
    const assertRoom: (plan: string, count: number) => void = insertWithinQuota.mock.calls[0][1];
    expect(() => assertRoom('free', 2)).not.toThrow();
    expect(() => assertRoom('free', 3)).toThrow(AppException);
    expect(() => assertRoom('agency', 1_000_000)).not.toThrow();
  });
});

import type { AuthContext } from '@app/auth';
import type { AppException } from '@app/common';
import type { ClickRecorder } from '../clicks/click-recorder.service';
import type { ConversionRecord, ConversionsRepository, StoredClick } from './conversions.repository';
import { TrackingService } from './tracking.service';

const AUTH = { workspaceId: 'ws_1' } as AuthContext;
const LEAD = { clickId: 'clk_1', eventName: 'Sign up', customerExternalId: 'user-1' };
const CLICK = { id: 'clk_1', linkId: 'link_1', country: 'GB' } as StoredClick;

/** The service with a repository that finds the click after `findsClickAfter` lookups, and a recorder stub. */
function setup(options: { findsClickAfter: number; holds: boolean; flush?: () => Promise<void> }) {
  let lookups = 0;
  const repository = {
    findByIdempotencyKeys: jest.fn(async () => []),
    findClick: jest.fn(async () => (++lookups > options.findsClickAfter ? CLICK : null)),
    recordLead: jest.fn(
      async (_customer, event) => ({ ...event, customer: { id: 'cus_1', externalId: 'user-1' } }) as ConversionRecord,
    ),
  };
  const recorder = { holds: jest.fn(() => options.holds), flush: jest.fn(options.flush ?? (async () => undefined)) };
  const service = new TrackingService(
    repository as unknown as ConversionsRepository,
    recorder as unknown as ClickRecorder,
  );
  return { service, repository, recorder };
}

async function failure(promise: Promise<unknown>): Promise<AppException> {
  try {
    await promise;
  } catch (error) {
    return error as AppException;
  }
  throw new Error('expected a failure');
}

describe('TrackingService: the click of a lead', () => {
  afterEach(() => jest.useRealTimers());

  it('flushes the recorder when this instance still holds the click, then records the lead', async () => {
    const { service, repository, recorder } = setup({ findsClickAfter: 1, holds: true });
    const result = await service.trackLead(AUTH, LEAD);
    expect(recorder.flush).toHaveBeenCalledTimes(1);
    expect(repository.findClick).toHaveBeenCalledTimes(2);
    expect(result.created).toBe(true);
    expect(repository.recordLead.mock.calls[0][0]).toMatchObject({
      workspaceId: 'ws_1',
      externalId: 'user-1',
      linkId: 'link_1',
      clickId: 'clk_1',
    });
    expect(repository.recordLead.mock.calls[0][1]).toMatchObject({
      type: 'lead',
      linkId: 'link_1',
      clickId: 'clk_1',
      country: 'GB',
    });
  });

  it('looks again briefly when another instance may hold the click', async () => {
    jest.useFakeTimers();
    const { service, recorder } = setup({ findsClickAfter: 2, holds: false });
    const tracking = service.trackLead(AUTH, LEAD);
    await jest.runAllTimersAsync();
    await expect(tracking).resolves.toMatchObject({ created: true });
    expect(recorder.flush).not.toHaveBeenCalled();
  });

  it('answers 404 when nobody has the click', async () => {
    jest.useFakeTimers();
    const { service, repository } = setup({ findsClickAfter: Infinity, holds: false });
    const tracking = failure(service.trackLead(AUTH, LEAD));
    await jest.runAllTimersAsync();
    const error = await tracking;
    expect({ status: error.getStatus(), code: error.code }).toEqual({ status: 404, code: 'not_found' });
    expect(repository.recordLead).not.toHaveBeenCalled();
  });

  it('answers 503 with Retry-After when the click cannot be written yet', async () => {
    const { service, repository } = setup({
      findsClickAfter: Infinity,
      holds: true,
      flush: async () => Promise.reject(new Error('database down')),
    });
    const error = await failure(service.trackLead(AUTH, LEAD));
    expect({ status: error.getStatus(), code: error.code, headers: error.headers }).toEqual({
      status: 503,
      code: 'service_unavailable',
      headers: { 'Retry-After': 5 },
    });
    expect(repository.recordLead).not.toHaveBeenCalled();
  });
});

import { Injectable } from '@nestjs/common';

/** A link whose redirect behaviour changed (updated, deleted, archived): caches of it must be dropped. */
export interface LinkChange {
  domain: string;
  slug: string;
}

type Listener = (change: LinkChange) => void;

/**
 * Tells every redirect cache that a link changed. The links module publishes; the redirect module
 * listens. In one process this is a direct call; with REDIS_URL it is fanned out to every instance.
 */
@Injectable()
export class LinkChangesService {
  private readonly listeners = new Set<Listener>();

  publish(change: LinkChange): void {
    for (const listener of this.listeners) listener(change);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

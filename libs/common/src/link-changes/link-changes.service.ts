import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import type Redis from 'ioredis';
import { InjectRedis } from '../redis/redis.tokens';

/**
 * A link whose redirect behaviour changed (updated, deleted, archived), or — without `slug` — a short
 * domain whose settings changed (verified, failing, deleted, new metadata): caches of it must be dropped.
 */
export interface LinkChange {
  domain: string;
  slug?: string;
}

type Listener = (change: LinkChange) => void;

/** Redis channel every instance listens on. */
export const LINK_CHANGES_CHANNEL = 'linktrace:link-changes';

interface ChannelMessage extends LinkChange {
  /** The instance that published it: it has already told its own listeners. */
  origin: string;
}

/**
 * Tells every redirect cache that a link changed. The links module publishes; the redirect module
 * listens. In one process this is a direct call; with REDIS_URL it is also published on a Redis
 * channel that every instance subscribes to, so a change made through one instance reaches all caches.
 * Dropping a cache entry is idempotent, so an echo would be harmless; own messages are skipped anyway.
 */
@Injectable()
export class LinkChangesService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LinkChanges');
  private readonly listeners = new Set<Listener>();
  private readonly resetListeners = new Set<() => void>();
  private readonly instanceId = randomUUID();
  private subscriber: Redis | null = null;

  constructor(@Optional() @InjectRedis() private readonly redis: Redis | null = null) {}

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    // A connection in subscriber mode cannot run other commands: it gets its own.
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (error) => this.logger.warn(`Redis subscriber error: ${error.message}`));
    subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    let connectedOnce = false;
    // Changes published while the subscription was down are lost: every cache starts over after a reconnect.
    subscriber.on('ready', () => {
      if (connectedOnce) for (const listener of this.resetListeners) listener();
      connectedOnce = true;
    });
    await subscriber.subscribe(LINK_CHANGES_CHANNEL);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }

  publish(change: LinkChange): void {
    this.notify(change);
    if (!this.redis) return;
    const message: ChannelMessage = { origin: this.instanceId, domain: change.domain, slug: change.slug };
    this.redis.publish(LINK_CHANGES_CHANNEL, JSON.stringify(message)).catch((error: Error) => {
      this.logger.warn(`Could not publish a link change to other instances: ${error.message}`);
    });
  }

  /**
   * `onMissedChanges` runs when changes may have been missed (the Redis subscription reconnected):
   * the listener should then forget everything it cached.
   */
  subscribe(listener: Listener, onMissedChanges?: () => void): () => void {
    this.listeners.add(listener);
    if (onMissedChanges) this.resetListeners.add(onMissedChanges);
    return () => {
      this.listeners.delete(listener);
      if (onMissedChanges) this.resetListeners.delete(onMissedChanges);
    };
  }

  private receive(raw: string): void {
    let message: ChannelMessage;
    try {
      message = JSON.parse(raw) as ChannelMessage;
    } catch {
      return;
    }
    if (message.origin === this.instanceId || typeof message.domain !== 'string') return;
    if (message.slug !== undefined && typeof message.slug !== 'string') return;
    this.notify(
      message.slug === undefined ? { domain: message.domain } : { domain: message.domain, slug: message.slug },
    );
  }

  private notify(change: LinkChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error(`A link change listener failed: ${(error as Error).message}`);
      }
    }
  }
}

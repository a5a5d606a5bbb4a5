import { isbot } from 'isbot';
import { LRUCache } from 'lru-cache';
import UAParser from 'ua-parser-js';
import type { Device } from './click-event';

export interface UserAgentTraits {
  device: Device;
  browser: string | null;
  os: string | null;
  isBot: boolean;
}

/** Link-preview fetchers isbot does not list (it covers Slack, Facebook, X, WhatsApp, Discord, Telegram, LinkedIn…). */
const PREVIEW_FETCHERS = /\b(?:Viber|Iframely|Embedly|vkShare)\b/i;

// Parsing costs ~20 µs and real traffic repeats a small set of user agents.
const traitsByUserAgent = new LRUCache<string, UserAgentTraits>({ max: 5_000 });

const MAX_CACHED_LENGTH = 512;

/** Device, browser, OS and bot flag of a user agent. A request without one is treated as a bot: browsers always send it. */
export function userAgentTraits(userAgent: string | undefined): UserAgentTraits {
  if (!userAgent) return { device: 'bot', browser: null, os: null, isBot: true };
  const cached = traitsByUserAgent.get(userAgent);
  if (cached) return cached;
  const traits = classify(userAgent);
  if (userAgent.length <= MAX_CACHED_LENGTH) traitsByUserAgent.set(userAgent, traits);
  return traits;
}

function classify(userAgent: string): UserAgentTraits {
  const result = new UAParser(userAgent).getResult();
  const bot = isbot(userAgent) || PREVIEW_FETCHERS.test(userAgent);
  const browser = result.browser.name ?? null;
  const os = result.os.name ?? null;
  return { device: bot ? 'bot' : deviceOf(result.device.type, browser, os), browser, os, isBot: bot };
}

function deviceOf(type: string | undefined, browser: string | null, os: string | null): Device {
  if (type === 'mobile') return 'mobile';
  if (type === 'tablet') return 'tablet';
  // ua-parser leaves desktops without a device type.
  if (type === undefined) return browser || os ? 'desktop' : 'other';
  return 'other';
}

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

/**
 * Link-preview crawlers, the one list: the redirect serves them a link's social preview (Open Graph tags) instead of
 * the 302, and their requests are always bots (isbot covers most of them, not Viber, Iframely, Embedly, vkShare).
 */
const PREVIEW_CRAWLERS =
  /\b(?:Twitterbot|facebookexternalhit|Facebot|LinkedInBot|Slackbot|Slack-ImgProxy|Discordbot|WhatsApp|TelegramBot|SkypeUriPreview|Pinterestbot|redditbot|Mastodon|Bluesky|Viber|Iframely|Embedly|vkShare)\b/i;

export function isPreviewCrawler(userAgent: string | undefined): boolean {
  return userAgent !== undefined && PREVIEW_CRAWLERS.test(userAgent);
}

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
  const bot = isbot(userAgent) || PREVIEW_CRAWLERS.test(userAgent);
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

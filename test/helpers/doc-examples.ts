import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The request examples of the documentation (README.md and docs/*.md), for the docs-examples test.
 *
 * A fenced block is a request example when it makes HTTP requests the way our documentation shows them:
 * `curl` in a shell block, `fetch(` or `axios` in a JavaScript block. Such a block is run unless it is
 * marked: a `<!-- not-run: why -->` comment on the line before its opening fence, or the language `text`.
 * A `# → 404` (shell) or `// → 404` (JavaScript) comment after a request states the status it answers;
 * without one, a 2xx is expected.
 */
export interface DocExample {
  /** `README.md:42`: file and line of the opening fence. */
  where: string;
  language: string;
  code: string;
  /** How it runs: with bash (curl) or node (fetch/axios); null when it cannot run (then it must be marked). */
  runner: 'bash' | 'node' | null;
  /** Why it is not run, when marked. */
  notRun: string | null;
  /** One entry per request the code makes, in order: the annotated status, or null for "any 2xx". */
  expectedStatuses: (number | null)[];
}

export interface DocScan {
  files: string[];
  examples: DocExample[];
  /** Inline code spans that are request examples (`curl …` in prose): they cannot run, so they are refused. */
  inlineRequests: string[];
}

const SHELL_LANGUAGES = new Set(['bash', 'sh', 'shell', 'zsh', 'console']);
const NODE_LANGUAGES = new Set(['js', 'javascript', 'mjs']);
const NOT_RUN_MARKER = /^\s*<!--\s*not-run\b:?\s*(.*?)\s*-->\s*$/;
const SHELL_REQUEST = /(^|[\s;|&(`])curl\s/g;
const JS_EXAMPLE = /\bfetch\(|\baxios\b/;
const FETCH_REQUEST = /\bfetch\(/g;
/** axios calls: `axios(…)`, and `.get(…)`, `.post(…)`… on axios or an instance of `axios.create()`. */
const AXIOS_REQUEST = /\baxios\(|\.(get|post|put|patch|delete|head|options|request)\(/g;
const STATUS_ANNOTATION = /(?:#|\/\/)\s*(?:→|->)\s*(\d{3})\b/;

/** README.md and every Markdown file under docs/, read fresh: new sections and files are picked up as they come. */
export function scanDocs(root: string): DocScan {
  const files = ['README.md', ...markdownFiles(join(root, 'docs')).map((file) => relative(root, file))];
  const examples: DocExample[] = [];
  const inlineRequests: string[] = [];
  for (const file of files) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    for (let index = 0; index < lines.length; index++) {
      const fence = /^(\s*)(```+|~~~+)\s*([\w-]*)/.exec(lines[index]);
      if (!fence) {
        for (const span of lines[index].matchAll(/`([^`]+)`/g))
          if (/^\s*curl\s/.test(span[1])) inlineRequests.push(`${file}:${index + 1}: ${span[1]}`);
        continue;
      }
      const [, indent, marker, rawLanguage] = fence;
      const language = rawLanguage.toLowerCase();
      const start = index;
      const body: string[] = [];
      for (index++; index < lines.length && !lines[index].trimStart().startsWith(marker); index++)
        body.push(lines[index].startsWith(indent) ? lines[index].slice(indent.length) : lines[index]);
      const code = body.join('\n');
      const shell = countMatches(code, SHELL_REQUEST) > 0;
      const javascript = JS_EXAMPLE.test(code);
      if (!shell && !javascript) continue;
      const previous =
        lines
          .slice(0, start)
          .reverse()
          .find((line) => line.trim() !== '') ?? '';
      const marked = NOT_RUN_MARKER.exec(previous);
      const runner =
        SHELL_LANGUAGES.has(language) && shell ? 'bash' : NODE_LANGUAGES.has(language) && javascript ? 'node' : null;
      examples.push({
        where: `${file}:${start + 1}`,
        language: language || '(none)',
        code,
        runner,
        notRun: marked ? marked[1] || 'marked not-run' : language === 'text' ? 'language text' : null,
        expectedStatuses: runner
          ? expectedStatuses(
              code,
              runner === 'bash'
                ? [SHELL_REQUEST]
                : /\baxios\b/.test(code)
                  ? [FETCH_REQUEST, AXIOS_REQUEST]
                  : [FETCH_REQUEST],
            )
          : [],
      });
    }
  }
  return { files, examples, inlineRequests };
}

function markdownFiles(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((entry) =>
      entry.isDirectory()
        ? markdownFiles(join(folder, entry.name))
        : entry.name.endsWith('.md')
          ? [join(folder, entry.name)]
          : [],
    )
    .sort();
}

/** Requests in source order; a status annotation applies to the last request before it. */
function expectedStatuses(code: string, requests: RegExp[]): (number | null)[] {
  const statuses: (number | null)[] = [];
  for (const line of code.split('\n')) {
    const comment = line.search(/(^|\s)(#|\/\/)\s/);
    const source =
      comment >= 0 && !/^\s*$/.test(line.slice(0, comment)) ? line.slice(0, comment) : comment >= 0 ? '' : line;
    for (let count = requests.reduce((total, request) => total + countMatches(source, request), 0); count > 0; count--)
      statuses.push(null);
    const annotation = STATUS_ANNOTATION.exec(line);
    if (annotation && statuses.length > 0) statuses[statuses.length - 1] = Number(annotation[1]);
  }
  return statuses;
}

function countMatches(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

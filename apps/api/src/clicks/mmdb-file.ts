import { close, fstat, open, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { LRUCache } from 'lru-cache';
// mmdb-lib's Reader wants the whole file in one Buffer; its decoder, metadata parser, node walker and address parser
// work on any Buffer, so the tree can stay on disk while they read the parts of it that a lookup walks. They are
// internal files, not its public API: package.json takes mmdb-lib's patch releases only (~), and mmdb-file.spec
// compares the answers with its Reader's.
import Decoder from 'mmdb-lib/lib/decoder';
import ip from 'mmdb-lib/lib/ip';
import { parseMetadata, type Metadata } from 'mmdb-lib/lib/metadata';
import walker, { type Walker } from 'mmdb-lib/lib/reader/walker';

/** Tree nodes read from the file at once: a block never splits a node. */
const NODES_PER_BLOCK = 512;
/**
 * Blocks kept per file (~14 MB with DB-IP's 7-byte nodes, a third of its IPv4 tree): the tree's upper levels and the
 * parts the visitors' networks walk stay cached, and an address outside them costs one or two reads of the page cache.
 */
const CACHED_BLOCKS = 4_096;
/** Decoded records kept (by their place in the data section). */
const CACHED_RECORDS = 10_000;
/** Bytes between the search tree and the data section (MaxMind DB format). */
const DATA_SECTION_SEPARATOR = 16;
/** Bytes of the data section read at once, the first time a lookup decodes a value in them. */
const DATA_CHUNK_BYTES = 4 * 1024;

interface Block {
  walker: Walker;
}

/**
 * A MaxMind DB (.mmdb) file that stays on disk: a bounded cache of tree blocks and the parts of the data section
 * (the records, a fifth of a DB-IP city file) that lookups have reached are held in memory, instead of the whole file
 * (~65 MB per DB-IP database) that mmdb-lib's Reader wants. Lookups are synchronous: a block not cached, or a chunk of
 * records not read yet, is one `pread` of a file the page cache holds after the first reads.
 */
export class MmdbFile {
  private readonly blocks = new LRUCache<number, Block>({ max: CACHED_BLOCKS });
  private readonly blockBytes: number;
  private ipv4Root: number | null = null;

  private constructor(
    private readonly descriptor: number,
    private readonly metadata: Metadata,
    private readonly decoder: Decoder,
  ) {
    this.blockBytes = metadata.nodeByteSize * NODES_PER_BLOCK;
  }

  /** Reads the file's metadata and data section; the file stays open for the tree's reads. */
  static async open(path: string): Promise<MmdbFile> {
    // A plain descriptor, not a FileHandle (which is closed when collected): the reader holds it until close().
    const descriptor = await promisify(open)(path, 'r');
    try {
      const { size } = await promisify(fstat)(descriptor);
      // The metadata sits at the end of the file: the tree's size says where the data section starts.
      const tail = Buffer.alloc(Math.min(size, 128 * 1024));
      await promisify(read)(descriptor, tail, 0, tail.length, size - tail.length);
      const metadata = parseMetadata(tail);
      const dataStart = metadata.searchTreeSize + DATA_SECTION_SEPARATOR;
      if (dataStart > size) throw new Error(`${path} is shorter than its search tree`);
      const records = new LRUCache({ max: CACHED_RECORDS });
      return new MmdbFile(
        descriptor,
        metadata,
        new ChunkedDataDecoder(descriptor, dataStart, size - dataStart, records),
      );
    } catch (error) {
      await promisify(close)(descriptor);
      throw error;
    }
  }

  close(): Promise<void> {
    return promisify(close)(this.descriptor);
  }

  /** The record of the network holding `address`, or null; throws on an address that does not parse. */
  get(address: string): unknown {
    const { nodeCount, ipVersion } = this.metadata;
    if (!ip.validate(address)) throw new Error(`Not an IP address: ${address}`);
    const raw = ip.parse(address);
    const bits = raw.length * 8;
    let node = raw.length === 4 && ipVersion === 6 ? (this.ipv4Root ??= this.ipv4Start()) : 0;
    for (let depth = 0; depth < bits && node < nodeCount; depth++) {
      const block = this.block(Math.floor(node / NODES_PER_BLOCK));
      const offset = (node % NODES_PER_BLOCK) * this.metadata.nodeByteSize;
      node = ip.bitAt(raw, depth) ? block.walker.right(offset) : block.walker.left(offset);
    }
    if (node <= nodeCount) return null;
    return this.decoder.decodeFast(node - nodeCount - DATA_SECTION_SEPARATOR).value;
  }

  /** Where IPv4 addresses start in an IPv6 tree: 96 zero bits down. */
  private ipv4Start(): number {
    let node = 0;
    for (let depth = 0; depth < 96 && node < this.metadata.nodeCount; depth++) node = this.left(node);
    return node;
  }

  private left(node: number): number {
    return this.block(Math.floor(node / NODES_PER_BLOCK)).walker.left(
      (node % NODES_PER_BLOCK) * this.metadata.nodeByteSize,
    );
  }

  private block(index: number): Block {
    const cached = this.blocks.get(index);
    if (cached) return cached;
    const bytes = Buffer.alloc(this.blockBytes);
    readSync(this.descriptor, bytes, 0, this.blockBytes, index * this.blockBytes);
    const block = { walker: walker(bytes, this.metadata.recordSize) };
    this.blocks.set(index, block);
    return block;
  }
}

/**
 * mmdb-lib's decoder over the data section, read from the file a chunk at a time as values are first decoded: the
 * buffer is allocated uninitialised, so the pages of chunks never read are not in the RSS. Every value (a map's keys
 * and values, a pointer's target, each in turn) goes through decode(), which reads its chunk first.
 */
class ChunkedDataDecoder extends Decoder {
  private readonly data: Buffer;
  private readonly read: Uint8Array;

  constructor(
    private readonly descriptor: number,
    private readonly start: number,
    length: number,
    cache: ConstructorParameters<typeof Decoder>[2],
  ) {
    const data = Buffer.allocUnsafeSlow(length);
    super(data, 0, cache);
    this.data = data;
    this.read = new Uint8Array(Math.ceil(length / DATA_CHUNK_BYTES));
  }

  override decode(offset: number): ReturnType<Decoder['decode']> {
    // The value's header, and its bytes when they run into the next chunk (a string is far shorter than a chunk).
    this.readChunks(offset, offset + DATA_CHUNK_BYTES);
    const decoded = super.decode(offset);
    if (this.readChunks(offset, decoded.offset)) return super.decode(offset);
    return decoded;
  }

  /** Reads the chunks of [from, to) not read yet; true if there were some. */
  private readChunks(from: number, to: number): boolean {
    const last = Math.min(Math.ceil(to / DATA_CHUNK_BYTES), this.read.length) - 1;
    let anyRead = false;
    for (let chunk = Math.floor(from / DATA_CHUNK_BYTES); chunk <= last; chunk++) {
      if (this.read[chunk]) continue;
      const position = chunk * DATA_CHUNK_BYTES;
      const length = Math.min(DATA_CHUNK_BYTES, this.data.length - position);
      readSync(this.descriptor, this.data, position, length, this.start + position);
      this.read[chunk] = 1;
      anyRead = true;
    }
    return anyRead;
  }
}

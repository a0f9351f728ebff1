#!/usr/bin/env node
// Starts a local S3-compatible server (@20minutes/s3rver) for development and tests.
//
// Usage: node tools/s3-server.cjs --port N --directory DIR --bucket NAME [--bucket NAME...]
// Env: S3_ACCESS_KEY / S3_SECRET_KEY, the credentials clients sign with.
//
// Binds to 127.0.0.1 only, prints "s3 listening on http://127.0.0.1:PORT" once ready,
// and shuts down cleanly on SIGTERM/SIGINT.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const S3rver = require('@20minutes/s3rver');

const ADDRESS = '127.0.0.1';

function usage(message) {
  if (message) console.error(`s3-server: ${message}`);
  console.error('usage: node tools/s3-server.cjs --port N --directory DIR --bucket NAME [--bucket NAME...]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { port: undefined, directory: undefined, buckets: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') usage();
    if (!['--port', '--directory', '--bucket'].includes(flag)) usage(`unknown argument: ${flag}`);
    if (value === undefined || value.startsWith('--')) usage(`missing value for ${flag}`);
    i++;
    if (flag === '--port') opts.port = Number(value);
    else if (flag === '--directory') opts.directory = path.resolve(value);
    else opts.buckets.push(value);
  }
  if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) usage('--port must be 1-65535');
  if (!opts.directory) usage('--directory is required');
  return opts;
}

// s3rver only accepts access keys it knows; register the one the service is configured with.
function registerAccessKey() {
  const accessKey = process.env.S3_ACCESS_KEY;
  const secretKey = process.env.S3_SECRET_KEY;
  if (!accessKey) return;
  if (!secretKey) usage('S3_SECRET_KEY must be set when S3_ACCESS_KEY is');
  require('@20minutes/s3rver/lib/models/account').DUMMY_ACCOUNT.createKeyPair(accessKey, secretKey);
}

// s3rver answers HEAD of a bucket (HeadBucket) with its GET handler, which lists up to 1000 objects: a cost that grows
// with the bucket, where S3 and MinIO only look the bucket up. Minio 7 sends that HEAD before every stat and every
// read, so large buckets made those slow here and nowhere else. By the time the handler runs, s3rver has checked the
// signature and that the bucket exists, so a HEAD only needs its 200.
function answerHeadBucketWithoutListing() {
  const bucketController = require('@20minutes/s3rver/lib/controllers/bucket');
  const listObjects = bucketController.getBucket;
  bucketController.getBucket = async function getBucket(ctx) {
    if (ctx.method === 'HEAD') {
      ctx.status = 200;
      return;
    }
    await listObjects(ctx);
  };
}

// s3rver keeps multipart uploads in a directory per upload but answers ListMultipartUploads with NotImplemented and
// AbortMultipartUpload with MethodNotAllowed, so an aborted upload's parts stayed forever. These two routes give both
// S3's answers. They go ahead of s3rver's own handlers for the same paths (after its authentication and bucket
// checks), and pass every other request on.
function implementMultipartListingAndAbort() {
  const router = require('@20minutes/s3rver/lib/routes');
  const S3Error = require('@20minutes/s3rver/lib/models/error');
  const uploadsDirectory = (ctx) => ctx.store.getResourcePath(ctx.params.bucket, undefined, 'uploads');

  const bucketController = require('@20minutes/s3rver/lib/controllers/bucket');
  router.get('/:bucket', bucketController.bucketExists, async (ctx, next) => {
    if (ctx.params.queryMethod !== 'uploads') return next();
    const prefix = ctx.query.prefix || '';
    const uploads = [];
    const root = uploadsDirectory(ctx);
    for (const uploadId of fs.existsSync(root) ? fs.readdirSync(root) : []) {
      const directory = path.join(root, uploadId);
      const key = fs.readFileSync(path.join(directory, 'key'), 'utf8');
      if (!key.startsWith(prefix)) continue;
      uploads.push({ Key: key, UploadId: uploadId, Initiated: fs.statSync(directory).birthtime.toISOString(), StorageClass: 'STANDARD' });
    }
    uploads.sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
    ctx.body = {
      ListMultipartUploadsResult: {
        '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
        Bucket: ctx.params.bucket,
        Prefix: prefix,
        MaxUploads: 1000,
        IsTruncated: false,
        Upload: uploads,
      },
    };
  });

  router.delete('/:bucket/*key', async (ctx, next) => {
    if (ctx.params.queryMethod !== 'uploadId') return next();
    const directory = path.join(uploadsDirectory(ctx), path.basename(String(ctx.query.uploadId)));
    const keyFile = path.join(directory, 'key');
    if (!fs.existsSync(keyFile) || fs.readFileSync(keyFile, 'utf8') !== ctx.params.key) {
      throw new S3Error('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', { UploadId: ctx.query.uploadId });
    }
    await fs.promises.rm(directory, { recursive: true, force: true });
    ctx.status = 204;
  });

  // Move the two new layers (last on the stack, DELETE on top) in front of s3rver's first for the same method and path.
  for (const [method, routePath] of [['DELETE', '/:bucket/*key'], ['GET', '/:bucket']]) {
    const added = router.stack.pop();
    const first = router.stack.findIndex((layer) => layer.path === routePath && layer.methods.includes(method));
    if (first < 0) throw new Error(`s3rver has no ${method} ${routePath} route to go ahead of`);
    router.stack.splice(first, 0, added);
  }
}

// s3rver keeps whatever arrived when a client breaks off a PUT, so a truncated body became an object, and could appear
// even after the client had removed the key. S3 and MinIO keep nothing unless the whole Content-Length arrived
// (IncompleteBody); so does this wrapper, removing what s3rver stored for a request that broke off.
function keepNoIncompletePut() {
  const objectController = require('@20minutes/s3rver/lib/controllers/object');
  const S3Error = require('@20minutes/s3rver/lib/models/error');
  const putObject = objectController.putObject;
  objectController.putObject = async function putWholeObject(ctx) {
    let stored = false;
    try {
      await putObject(ctx);
      stored = true;
    } finally {
      // A store that failed for another reason keeps its own error.
      if (!ctx.req.complete && (stored || ctx.req.aborted)) {
        await ctx.store.deleteObject(ctx.params.bucket, ctx.params.key).catch(() => {});
        // The broken request's answer is this error, whatever s3rver made of it.
        throw new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.');
      }
    }
  };
}

// A PUT whose body carries its CRC-32 in a trailer (aws-chunked, STREAMING-UNSIGNED-PAYLOAD-TRAILER), as the service
// sends its single PUTs (ADR 0102). s3rver refuses that payload type. S3 and MinIO decode the framing, compute the
// checksum over what they receive, refuse the PUT when the trailer differs (S3 and this wrapper with BadDigest, MinIO
// with XAmzContentChecksumMismatch), keep nothing, and name the checksum in the answer; so does this wrapper. Only the
// CRC-32 trailer is taken: it is the one the service sends.
const TRAILER_PAYLOAD = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
const CRC32_TRAILER = 'x-amz-checksum-crc32';

function acceptTrailingChecksums() {
  const { Transform, pipeline } = require('node:stream');
  const zlib = require('node:zlib');
  const v4 = require('@20minutes/s3rver/lib/signature/v4');
  const objectController = require('@20minutes/s3rver/lib/controllers/object');
  const S3Object = require('@20minutes/s3rver/lib/models/object');
  const S3Error = require('@20minutes/s3rver/lib/models/error');
  const malformed = () => new S3Error('IncompleteBody', 'The request body terminated unexpectedly');

  class TrailerDecoder extends Transform {
    constructor(decodedLength) {
      super({ highWaterMark: 1 << 20 });
      Object.assign(this, { decodedLength, decoded: 0, remaining: 0, state: 'size', line: '', trailers: new Map(), crc: 0 });
    }

    _transform(chunk, _encoding, callback) {
      // Data around a chunk's framing is passed on as one buffer, or the store would write the read in pieces.
      const parts = [];
      try {
        for (let i = 0; i < chunk.length;) {
          if (this.state === 'done') throw malformed(); // nothing may follow the trailer's empty line
          if (this.state === 'data') {
            const part = chunk.subarray(i, i + Math.min(this.remaining, chunk.length - i));
            this.crc = zlib.crc32(part, this.crc);
            parts.push(part);
            this.remaining -= part.length;
            this.decoded += part.length;
            i += part.length;
            if (this.remaining === 0) this.state = 'data-end';
            continue;
          }
          const lf = chunk.indexOf(0x0a, i);
          const end = lf < 0 ? chunk.length : lf + 1;
          this.line += chunk.toString('latin1', i, end);
          i = end;
          if (this.line.length > 4096) throw malformed();
          if (lf < 0) continue;
          if (!this.line.endsWith('\r\n')) throw malformed();
          const line = this.line.slice(0, -2);
          this.line = '';
          this.takeLine(line);
        }
        callback(null, parts.length > 1 ? Buffer.concat(parts) : parts[0]);
      } catch (err) {
        callback(err);
      }
    }

    takeLine(line) {
      if (this.state === 'data-end') {
        if (line !== '') throw malformed();
        this.state = 'size';
      } else if (this.state === 'size') {
        if (!/^[0-9a-fA-F]{1,15}$/.test(line)) throw malformed();
        this.remaining = parseInt(line, 16);
        this.state = this.remaining === 0 ? 'trailer' : 'data';
      } else if (this.state === 'trailer') {
        const colon = line.indexOf(':');
        if (line === '') this.state = 'done';
        else if (colon < 0) throw malformed();
        else this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      } else {
        throw malformed();
      }
    }

    _flush(callback) {
      if (this.state !== 'done') return callback(malformed());
      if (this.decoded !== this.decodedLength) {
        return callback(new S3Error('IncompleteBody',
          'You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header.'));
      }
      const sent = this.trailers.get(CRC32_TRAILER);
      if (!sent) return callback(new S3Error('InvalidRequest', `The request has no ${CRC32_TRAILER} trailer.`));
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(this.crc);
      const computed = crc.toString('base64');
      if (sent !== computed) {
        return callback(new S3Error('BadDigest', 'The CRC32 you specified did not match the calculated checksum.'));
      }
      this.checksum = computed;
      return callback();
    }
  }

  const parseHeader = v4.parseHeader;
  v4.parseHeader = (headers) => parseHeader(headers['x-amz-content-sha256'] === TRAILER_PAYLOAD
    ? { ...headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } : headers);

  // Only a whole object's PUT takes this payload; a part would be stored with its framing, which S3 never does.
  const uploadPart = objectController.uploadPart;
  objectController.uploadPart = async function uploadPartWithoutTrailer(ctx) {
    if (ctx.headers['x-amz-content-sha256'] === TRAILER_PAYLOAD) {
      throw new S3Error('NotImplemented', 'This server takes trailing checksums on whole-object PUTs only.');
    }
    return uploadPart(ctx);
  };

  const putObject = objectController.putObject;
  objectController.putObject = async function putWithTrailingChecksum(ctx) {
    if (ctx.headers['x-amz-content-sha256'] !== TRAILER_PAYLOAD) return putObject(ctx);
    if (ctx.headers['x-amz-trailer'] !== CRC32_TRAILER) {
      throw new S3Error('InvalidRequest', `This server takes only the ${CRC32_TRAILER} trailer.`);
    }
    const decodedLength = Number(ctx.headers['x-amz-decoded-content-length']);
    if (!Number.isSafeInteger(decodedLength) || decodedLength < 0) {
      throw new S3Error('MissingContentLength', 'You must provide the x-amz-decoded-content-length HTTP header.');
    }
    const encodings = (ctx.headers['content-encoding'] || '').split(',').map((e) => e.trim()).filter((e) => e && e !== 'aws-chunked');
    const metadata = { ...ctx.headers, 'content-length': String(decodedLength) };
    if (encodings.length > 0) metadata['content-encoding'] = encodings.join(',');
    else delete metadata['content-encoding'];

    const decoder = new TrailerDecoder(decodedLength);
    pipeline(ctx.req, decoder, () => {});
    const { bucket, key } = ctx.params;
    try {
      const { md5 } = await ctx.store.putObject(new S3Object(bucket, key, decoder, metadata));
      ctx.etag = md5;
    } catch (err) {
      // s3rver writes in place as the bytes come: a refused body would otherwise be left as the object.
      await ctx.store.deleteObject(bucket, key).catch(() => {});
      throw err;
    }
    ctx.set(CRC32_TRAILER, decoder.checksum);
    ctx.body = '';
  };
}

// s3rver's delete removes a key's directories once they look empty, recursively, racing a PUT into the same directory:
// the PUT's new object went with them, or its write failed. S3 has no directories, and empty ones cost nothing here
// (listings are built from object files), so deletes leave them.
function keepDirectoriesOnDelete() {
  const FilesystemStore = require('@20minutes/s3rver/lib/stores/filesystem');
  FilesystemStore.prototype.deleteObject = async function deleteObject(bucket, key) {
    await Promise.all(['object', 'object.md5', 'metadata.json'].map((resource) =>
      fs.promises.unlink(this.getResourcePath(bucket, key, resource)).catch((err) => {
        if (err.code !== 'ENOENT') throw err;
      })));
  };
}

// s3rver's putContent settles as soon as its body fails, while the object file it creates may still be opening: a body
// refused at once (bytes after a trailer) left an empty object behind the wrapper's clean-up, which HEAD then found.
// Here the write settles only once the file is closed, so whoever removes a failed write's file removes it for good.
function settleWritesWhenTheirFileIsClosed() {
  const FilesystemStore = require('@20minutes/s3rver/lib/stores/filesystem');
  const { Readable, Transform, pipeline } = require('node:stream');
  const crypto = require('node:crypto');
  const closed = (stream) => new Promise((resolve) => (stream.closed ? resolve() : stream.once('close', resolve)));
  FilesystemStore.prototype.putContent = function putContent(objectPath, content) {
    const file = fs.createWriteStream(objectPath);
    const md5 = crypto.createHash('md5');
    let length = 0;
    const counted = new Transform({
      transform(chunk, encoding, callback) {
        md5.update(chunk, encoding);
        length += chunk.length;
        callback(null, chunk);
      },
    });
    const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
    return new Promise((resolve, reject) => {
      pipeline(source, counted, file, (err) => {
        closed(file).then(() => (err ? reject(err) : resolve([length, md5.digest('hex')])));
      });
    });
  };
}

// s3rver reads a range ending at byte 0 ("bytes=0-0", the first byte) as one to the end of the object, and answers it
// 206 with every byte: a client that checks the answer's length, as the service does, saw an object of another size.
// Its store is compiled again here with the range's end read as given.
function readRangeEndsAsGiven() {
  const file = require.resolve('@20minutes/s3rver/lib/stores/filesystem');
  const patched = compiledAgain(file, 'end: Math.min(options?.end || Infinity, lastByte),',
    'end: Math.min(options?.end ?? Infinity, lastByte),', 's3rver reads ranges in a way this wrapper does not know');
  require(file).prototype.getObject = patched.prototype.getObject;
}

// A module of s3rver's compiled again from its source with one known snippet replaced; its exports.
function compiledAgain(file, original, replacement, unknown) {
  const Module = require('node:module');
  const source = fs.readFileSync(file, 'utf8');
  if (!source.includes(original)) throw new Error(unknown);
  const patched = new Module(file, module);
  patched.filename = file;
  patched.paths = Module._nodeModulePaths(path.dirname(file));
  patched._compile(source.replace(original, replacement), file);
  return patched.exports;
}

// S3 and MinIO refuse a request that is not signed, or whose signature does not match; so does this server. s3rver
// itself lets an unsigned request through as anonymous (a probe read, listed and overwrote any user's objects with
// plain curl), and computes two parts of the canonical request unlike S3, so that the .NET SDKs' valid signatures did
// not match:
// - a bucket addressed with a trailing slash ("/bucket/", as Minio sends it) is canonicalised without it;
// - query values are encoded with encodeURIComponent, which leaves !'()* as they are, where SigV4 encodes them (a
//   presigned download's filename*=UTF-8''... has quotes).
// Its authentication middleware is compiled again here with the query values encoded as SigV4 says, and wrapped to
// refuse unsigned requests and to canonicalise the bucket path as sent.
function verifySignaturesAsS3Does() {
  const router = require('@20minutes/s3rver/lib/routes');
  const S3Error = require('@20minutes/s3rver/lib/models/error');
  const authenticate = compiledAgain(require.resolve('@20minutes/s3rver/lib/middleware/authentication'),
    '[param, value].map(encodeURIComponent)', '[param, value].map(encodeURIComponentRFC3986)',
    's3rver canonicalises query values in a way this wrapper does not know')();

  const layer = router.stack.find((l) => l.stack.some((fn) => fn.name === 'authentication'));
  if (!layer) throw new Error('s3rver has no authentication layer to replace');
  const index = layer.stack.findIndex((fn) => fn.name === 'authentication');
  layer.stack[index] = async function authenticateAsS3(ctx, next) {
    const signed = 'authorization' in ctx.headers || 'Signature' in ctx.query || 'X-Amz-Algorithm' in ctx.query;
    if (!signed && ctx.method !== 'OPTIONS') throw new S3Error('AccessDenied', 'Access Denied');
    const bucket = ctx.params.bucket;
    if (bucket && !ctx.params.key && ctx.path.endsWith(`/${bucket}/`)) ctx.params.bucket = `${bucket}/`;
    try {
      return await authenticate(ctx, () => {
        ctx.params.bucket = bucket;
        return next();
      });
    } finally {
      ctx.params.bucket = bucket;
    }
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  registerAccessKey();
  answerHeadBucketWithoutListing();
  implementMultipartListingAndAbort();
  acceptTrailingChecksums();
  keepNoIncompletePut();
  keepDirectoriesOnDelete();
  settleWritesWhenTheirFileIsClosed();
  readRangeEndsAsGiven();
  verifySignaturesAsS3Does();
  fs.mkdirSync(opts.directory, { recursive: true });

  const server = new S3rver({
    address: ADDRESS,
    port: opts.port,
    directory: opts.directory,
    silent: true,
    allowMismatchedSignatures: false,
    vhostBuckets: false,
    configureBuckets: opts.buckets.map((name) => ({ name, configs: [] })),
  });

  const { port } = await server.run();
  console.log(`s3 listening on http://${ADDRESS}:${port}`);

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`s3 received ${signal}, shutting down`);
    // Do not wait for idle keep-alive connections held open by clients.
    server.httpServer.closeAllConnections?.();
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error(`s3-server: error while closing: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error(`s3-server: ${err.stack || err}`);
  process.exit(1);
});

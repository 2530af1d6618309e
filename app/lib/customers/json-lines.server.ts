import fs from "node:fs";

/**
 * Files of one JSON value per line, the import's working files: written as rows stream in, read
 * back in 1 MB pieces with constant memory.
 */

/** Each line's value, read asynchronously (a pass outside any database transaction). */
export async function* readJsonLines<T>(file: string): AsyncGenerator<T> {
  let rest = "";
  for await (const chunk of fs.createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      yield JSON.parse(text.slice(start, end)) as T;
      start = end + 1;
    }
    rest = text.slice(start);
  }
}

/**
 * Each line's value, read synchronously (the pass inside a database transaction, which on
 * SQLite must not wait for other I/O).
 */
export function* readJsonLinesSync<T>(file: string): Generator<T> {
  const fd = fs.openSync(file, "r");
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new TextDecoder("utf-8");
  let rest = "";
  try {
    for (let read = fs.readSync(fd, buffer); read > 0; read = fs.readSync(fd, buffer)) {
      const text = rest + decoder.decode(buffer.subarray(0, read), { stream: true });
      let start = 0;
      for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
        yield JSON.parse(text.slice(start, end)) as T;
        start = end + 1;
      }
      rest = text.slice(start);
    }
  } finally {
    fs.closeSync(fd);
  }
}

// Branded database handles: query code takes a ReadableDB, only the writer paths take a WritableDB.
import type Database from 'better-sqlite3';

export type ReadableDB = Database.Database & { readonly __readable: unique symbol };
export type WritableDB = ReadableDB & { readonly __writable: unique symbol };

// Hand-written declarations for the slice of GLib, Gio and libostree that the engine calls through GObject
// introspection under gjs. There is no @girs package for OSTree; this keeps the engine strictly typed without one.
// Out-parameters come back as tuples, as gjs returns them.

declare module 'gi://GLib' {
  namespace GLib {
    class Bytes {
      static new(data: Uint8Array | null): Bytes;
      get_size(): number;
      toArray(): Uint8Array;
    }
    class VariantType {
      constructor(signature: string);
    }
    class Variant {
      constructor(signature: string, value: unknown);
      static new_from_bytes(type: VariantType, bytes: Bytes, trusted: boolean): Variant;
      get_child_value(index: number): Variant;
      n_children(): number;
      lookup_value(key: string, type: VariantType | null): Variant | null;
      get_type_string(): string;
      deep_unpack<T = unknown>(): T;
      recursiveUnpack<T = unknown>(): T;
      get_data_as_bytes(): Bytes;
      get_string(): [string, number];
      get_uint64(): number;
      is_of_type(type: VariantType): boolean;
    }
    class KeyFile {
      constructor();
      load_from_data(data: string, length: number, flags: number): boolean;
      get_string(group: string, key: string): string;
      get_boolean(group: string, key: string): boolean;
      get_groups(): [string[], number];
      get_keys(group: string): [string[], number];
      to_data(): [string, number];
    }
    class MainLoop {
      constructor(context: null, running: boolean);
      run(): void;
      quit(): void;
    }
    class Error {
      matches(domain: number, code: number): boolean;
      message: string;
      code: number;
      domain: number;
    }
    const PRIORITY_DEFAULT: number;
    const SOURCE_REMOVE: boolean;
    function timeout_add(priority: number, ms: number, fn: () => boolean): number;
    function idle_add(priority: number, fn: () => boolean): number;
    function unix_signal_add(priority: number, signal: number, fn: () => boolean): number;
    const PRIORITY_HIGH: number;
    const SOURCE_CONTINUE: boolean;
    function source_remove(id: number): void;
    function uuid_string_random(): string;
    function getenv(name: string): string | null;
    function get_user_name(): string;
    function get_real_time(): number;
    function file_get_contents(path: string): [boolean, Uint8Array];
    function mkdir_with_parents(path: string, mode: number): number;
    function get_user_cache_dir(): string;
    function build_filenamev(parts: string[]): string;
    enum ChecksumType {
      MD5 = 0,
      SHA1 = 1,
      SHA256 = 2,
    }
    function compute_checksum_for_string(type: ChecksumType, data: string, length: number): string;
    function compute_checksum_for_bytes(type: ChecksumType, data: Bytes): string;
  }
  export default GLib;
}

declare module 'gi://Gio' {
  import type GLib from 'gi://GLib';
  namespace Gio {
    class Cancellable {
      constructor();
      /** g_cancellable_connect, which shadows GObject's signal connect in gjs. */
      connect(callback: () => void): number;
      disconnect(id: number): void;
      cancel(): void;
      is_cancelled(): boolean;
    }
    class FileInfo {
      get_file_type(): number;
      get_size(): number;
      get_name(): string;
      get_symlink_target(): string | null;
      get_attribute_uint32(attribute: string): number;
      get_modification_date_time(): { to_unix(): number } | null;
    }
    class FileEnumerator {
      next_file(cancellable: Cancellable | null): FileInfo | null;
      get_child(info: FileInfo): File;
      close(cancellable: Cancellable | null): boolean;
    }
    class InputStream {
      read_bytes_async(
        count: number,
        priority: number,
        cancellable: Cancellable | null,
        callback: (stream: InputStream, result: AsyncResult) => void,
      ): void;
      read_bytes_finish(result: AsyncResult): GLib.Bytes;
      read_bytes(count: number, cancellable: Cancellable | null): GLib.Bytes;
      close(cancellable: Cancellable | null): boolean;
    }
    class OutputStream {
      write_all(data: Uint8Array, cancellable: Cancellable | null): [boolean, number];
      write_bytes(data: GLib.Bytes, cancellable: Cancellable | null): number;
      splice(source: InputStream, flags: OutputStreamSpliceFlags, cancellable: Cancellable | null): number;
      flush(cancellable: Cancellable | null): boolean;
      close(cancellable: Cancellable | null): boolean;
    }
    class File {
      static new_for_path(path: string): File;
      static new_for_uri(uri: string): File;
      get_path(): string | null;
      get_uri(): string;
      get_child(name: string): File;
      get_parent(): File | null;
      get_basename(): string | null;
      query_exists(cancellable: Cancellable | null): boolean;
      query_info(attributes: string, flags: number, cancellable: Cancellable | null): FileInfo;
      query_file_type(flags: number, cancellable: Cancellable | null): number;
      enumerate_children(attributes: string, flags: number, cancellable: Cancellable | null): FileEnumerator;
      read(cancellable: Cancellable | null): InputStream;
      load_contents(cancellable: Cancellable | null): [boolean, Uint8Array, string | null];
      replace_contents(
        contents: Uint8Array,
        etag: string | null,
        makeBackup: boolean,
        flags: number,
        cancellable: Cancellable | null,
      ): [boolean, string | null];
      make_directory_with_parents(cancellable: Cancellable | null): boolean;
      delete(cancellable: Cancellable | null): boolean;
      move(destination: File, flags: number, cancellable: Cancellable | null, progress: null): boolean;
      append_to(flags: number, cancellable: Cancellable | null): OutputStream;
      create(flags: number, cancellable: Cancellable | null): OutputStream;
      equal(other: File): boolean;
    }
    class UnixInputStream extends InputStream {
      static new(fd: number, closeFd: boolean): UnixInputStream;
    }
    class UnixOutputStream extends OutputStream {
      static new(fd: number, closeFd: boolean): UnixOutputStream;
    }
    class DataInputStream extends InputStream {
      constructor(props: { base_stream: InputStream; close_base_stream?: boolean });
      read_line_async(
        priority: number,
        cancellable: Cancellable | null,
        callback: (stream: DataInputStream, result: AsyncResult) => void,
      ): void;
      read_line_finish_utf8(result: AsyncResult): [string | null, number];
      set_buffer_size(size: number): void;
    }
    interface AsyncResult {
      readonly __asyncResult: never;
    }
    enum FileType {
      UNKNOWN = 0,
      REGULAR = 1,
      DIRECTORY = 2,
      SYMBOLIC_LINK = 3,
    }
    enum FileQueryInfoFlags {
      NONE = 0,
      NOFOLLOW_SYMLINKS = 1,
    }
    enum OutputStreamSpliceFlags {
      NONE = 0,
      CLOSE_SOURCE = 1,
      CLOSE_TARGET = 2,
    }
    enum FileCreateFlags {
      NONE = 0,
      PRIVATE = 1,
      REPLACE_DESTINATION = 2,
    }
    enum FileCopyFlags {
      NONE = 0,
      OVERWRITE = 1,
    }
    enum IOErrorEnum {
      NOT_FOUND = 1,
      EXISTS = 2,
      PERMISSION_DENIED = 14,
      CANCELLED = 19,
      BUSY = 26,
      WOULD_BLOCK = 27,
    }
    function io_error_quark(): number;
  }
  export default Gio;
}

declare module 'gi://OSTree' {
  import type GLib from 'gi://GLib';
  import type Gio from 'gi://Gio';
  namespace OSTree {
    enum ObjectType {
      FILE = 1,
      DIR_TREE = 2,
      DIR_META = 3,
      COMMIT = 4,
    }
    enum RepoCommitState {
      NORMAL = 0,
      PARTIAL = 1,
    }
    enum RepoMode {
      BARE = 0,
      ARCHIVE = 1,
      BARE_USER = 2,
      BARE_USER_ONLY = 3,
      BARE_SPLIT_XATTRS = 4,
    }
    enum SysrootSimpleWriteDeploymentFlags {
      NONE = 0,
      RETAIN = 1,
      NOT_DEFAULT = 2,
      NO_CLEAN = 4,
      RETAIN_PENDING = 8,
      RETAIN_ROLLBACK = 16,
    }
    enum GpgSignatureAttr {
      VALID = 0,
      SIG_EXPIRED = 1,
      KEY_EXPIRED = 2,
      KEY_REVOKED = 3,
      KEY_MISSING = 4,
      FINGERPRINT = 5,
      TIMESTAMP = 6,
      EXP_TIMESTAMP = 7,
      PUBKEY_ALGO_NAME = 8,
      HASH_ALGO_NAME = 9,
      USER_NAME = 10,
      USER_EMAIL = 11,
    }
    class GpgVerifyResult {
      count_all(): number;
      count_valid(): number;
      get(signatureIndex: number, attrs: GpgSignatureAttr[]): GLib.Variant;
    }
    class AsyncProgress {
      constructor();
      get_status(): string | null;
      get_uint(key: string): number;
      get_uint64(key: string): number;
      connect(signal: 'changed', callback: (progress: AsyncProgress) => void): number;
      finish(): void;
    }
    class RepoFile extends Gio.File {
      ensure_resolved(): boolean;
      tree_get_contents_checksum(): string | null;
      tree_get_metadata_checksum(): string | null;
      get_checksum(): string;
    }
    class Repo {
      static new(path: Gio.File): Repo;
      open(cancellable: Gio.Cancellable | null): boolean;
      create(mode: RepoMode, cancellable: Gio.Cancellable | null): boolean;
      remote_delete(name: string, cancellable: Gio.Cancellable | null): boolean;
      get_mode(): RepoMode;
      get_path(): Gio.File;
      resolve_rev(refspec: string, allowNoent: boolean): [boolean, string | null];
      load_commit(checksum: string): [boolean, GLib.Variant, RepoCommitState];
      load_variant(type: ObjectType, checksum: string): [boolean, GLib.Variant];
      load_variant_if_exists(type: ObjectType, checksum: string): [boolean, GLib.Variant | null];
      has_object(type: ObjectType, checksum: string, cancellable: Gio.Cancellable | null): [boolean, boolean];
      read_commit(refspec: string, cancellable: Gio.Cancellable | null): [boolean, RepoFile, string];
      load_file(
        checksum: string,
        cancellable: Gio.Cancellable | null,
      ): [boolean, Gio.InputStream | null, Gio.FileInfo, GLib.Variant | null];
      list_refs(prefix: string | null, cancellable: Gio.Cancellable | null): [boolean, Record<string, string>];
      remote_list(): string[];
      remote_get_url(name: string): [boolean, string];
      remote_get_gpg_verify(name: string): [boolean, boolean];
      remote_get_gpg_verify_summary(name: string): [boolean, boolean];
      remote_fetch_summary(
        name: string,
        cancellable: Gio.Cancellable | null,
      ): [boolean, GLib.Bytes | null, GLib.Bytes | null];
      remote_fetch_summary_with_options(
        name: string,
        options: GLib.Variant | null,
        cancellable: Gio.Cancellable | null,
      ): [boolean, GLib.Bytes | null, GLib.Bytes | null];
      verify_summary(
        remote: string,
        summary: GLib.Bytes,
        signatures: GLib.Bytes,
        cancellable: Gio.Cancellable | null,
      ): GpgVerifyResult;
      verify_commit_for_remote(
        checksum: string,
        remote: string,
        cancellable: Gio.Cancellable | null,
      ): GpgVerifyResult;
      verify_commit_ext(
        checksum: string,
        keyringdir: Gio.File | null,
        extraKeyring: Gio.File | null,
        cancellable: Gio.Cancellable | null,
      ): GpgVerifyResult;
      pull_with_options(
        remote: string,
        options: GLib.Variant,
        progress: AsyncProgress | null,
        cancellable: Gio.Cancellable | null,
      ): boolean;
      prune(
        flags: number,
        depth: number,
        cancellable: Gio.Cancellable | null,
      ): [boolean, number, number, number];
      remote_add(
        name: string,
        url: string,
        options: GLib.Variant | null,
        cancellable: Gio.Cancellable | null,
      ): boolean;
      set_ref_immediate(
        remote: string | null,
        ref: string,
        checksum: string | null,
        cancellable: Gio.Cancellable | null,
      ): boolean;
    }
    class Deployment {
      get_index(): number;
      get_osname(): string;
      get_csum(): string;
      get_deployserial(): number;
      get_bootserial(): number;
      get_origin(): GLib.KeyFile | null;
      get_origin_relpath(): string;
      is_pinned(): boolean;
      is_staged(): boolean;
      equal(other: Deployment): boolean;
    }
    class Sysroot {
      static new(path: Gio.File): Sysroot;
      get_path(): Gio.File;
      load(cancellable: Gio.Cancellable | null): boolean;
      try_lock(): [boolean, boolean];
      unlock(): void;
      get_repo(cancellable: Gio.Cancellable | null): [boolean, Repo];
      repo(): Repo;
      get_deployments(): Deployment[];
      get_booted_deployment(): Deployment | null;
      get_staged_deployment(): Deployment | null;
      get_deployment_directory(deployment: Deployment): Gio.File;
      get_deployment_origin_path(deploymentPath: Gio.File): Gio.File;
      origin_new_from_refspec(refspec: string): GLib.KeyFile;
      write_deployments(deployments: Deployment[], cancellable: Gio.Cancellable | null): boolean;
      deployment_set_pinned(deployment: Deployment, pinned: boolean): boolean;
      deploy_tree(
        osname: string | null,
        revision: string,
        origin: GLib.KeyFile | null,
        providedMergeDeployment: Deployment | null,
        overrideKernelArgv: string[] | null,
        cancellable: Gio.Cancellable | null,
      ): [boolean, Deployment];
      simple_write_deployment(
        osname: string | null,
        newDeployment: Deployment,
        mergeDeployment: Deployment | null,
        flags: SysrootSimpleWriteDeploymentFlags,
        cancellable: Gio.Cancellable | null,
      ): boolean;
      get_merge_deployment(osname: string | null): Deployment | null;
      cleanup(cancellable: Gio.Cancellable | null): boolean;
      cleanup_prune_repo(
        options: unknown,
        cancellable: Gio.Cancellable | null,
      ): [boolean, number, number, number];
      prepare_cleanup(cancellable: Gio.Cancellable | null): boolean;
    }
    function checksum_from_bytes_v(bytes: GLib.Variant): string;
    function commit_get_parent(commit: GLib.Variant): string | null;
    function commit_get_timestamp(commit: GLib.Variant): number;
    function validate_checksum_string(checksum: string): boolean;
    function parse_refspec(refspec: string): [boolean, string | null, string];
    function diff_dirs(
      flags: number,
      a: Gio.File,
      b: Gio.File,
      modified: unknown[],
      removed: Gio.File[],
      added: Gio.File[],
      cancellable: Gio.Cancellable | null,
    ): boolean;
  }
  export default OSTree;
}

declare module 'system' {
  const System: {
    programArgs: string[];
    exit(code: number): never;
    gc(): void;
  };
  export default System;
}

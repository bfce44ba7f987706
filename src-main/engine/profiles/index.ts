// Source profiles: recognize export shapes by their headers and map rows onto the normalized `@` fields.

export type {
  DetectedProfile, FieldMapping, FieldSpec, FieldTransform, MappableField, NormalizedRow, ProfileDef, ProfileInfo,
} from './types';
export { detectProfile, listProfiles, PROFILES, GENERIC_PROFILE } from './detect';
export { compileMapping } from './compile';
export type { CompileOptions } from './compile';
export { inferMapping } from './infer';

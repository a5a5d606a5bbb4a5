import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** Apple's Team ID: 10 upper-case letters or digits (Membership details in the developer account). */
export const APPLE_TEAM_ID = /^[A-Z0-9]{10}$/;
/** A bundle identifier in reverse-DNS form: two or more dot-separated parts of letters, digits and `-`. */
export const APPLE_BUNDLE_ID = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
/** An Android application id: two or more dot-separated parts, each a letter then letters, digits or `_`. */
export const ANDROID_PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+$/;
/** A SHA-256 signing-certificate fingerprint as keytool prints it: 32 upper-case hex pairs joined by colons. */
export const SHA256_FINGERPRINT = /^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/;
/**
 * A path pattern as Apple's association file writes them: `*` (any path) or an absolute path where `*` matches any
 * run of characters and `?` one character; `NOT ` in front excludes the paths it matches.
 */
export const APP_PATH_PATTERN = /^(?:NOT )?(?:\*|\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)$/;
export const MAX_APP_PATHS = 50;

const PATH_MESSAGE =
  'each path must be "*" or start with "/" (letters, digits, URL path characters, "*" and "?"), optionally after "NOT "';

export class IosAppDto {
  /** The app's bundle identifier, e.g. `com.example.app`. */
  @IsString()
  @MaxLength(155)
  @Matches(APPLE_BUNDLE_ID, { message: 'appId must be a bundle identifier in reverse-DNS form, e.g. com.example.app' })
  appId: string;

  /** The Apple developer Team ID: 10 upper-case letters or digits. */
  @IsString()
  @Matches(APPLE_TEAM_ID, { message: 'teamId must be 10 upper-case letters or digits, e.g. ABCDE12345' })
  teamId: string;

  /**
   * Paths the app opens (Apple's patterns: `*` any run of characters, `?` one; `NOT /path` excludes). Default `["*"]`:
   * every link of the domain. At most 50.
   */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_APP_PATHS)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @Matches(APP_PATH_PATTERN, { each: true, message: `paths: ${PATH_MESSAGE}` })
  paths?: string[];

  /** Also list the app under `webcredentials` (password autofill for the domain). Default false. */
  @IsOptional()
  @IsBoolean()
  webCredentials?: boolean;
}

export class AndroidAppDto {
  /** The application id, e.g. `com.example.app`. */
  @IsString()
  @MaxLength(255)
  @Matches(ANDROID_PACKAGE_NAME, {
    message: 'packageName must be an Android application id, e.g. com.example.app (parts start with a letter)',
  })
  packageName: string;

  /** SHA-256 fingerprints of the app's signing certificates (`AA:BB:…`, 32 pairs), 1 to 10. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Matches(SHA256_FINGERPRINT, {
    each: true,
    message: 'sha256CertFingerprints must each be 32 upper-case hex pairs separated by colons (AA:BB:…)',
  })
  sha256CertFingerprints: string[];

  /**
   * Paths the app opens, in the same patterns as iOS: published as Dynamic App Links components (Android 15+);
   * the app's intent filter still declares them for older versions. Default `["*"]`.
   */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_APP_PATHS)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @Matches(APP_PATH_PATTERN, { each: true, message: `paths: ${PATH_MESSAGE}` })
  paths?: string[];
}

/** The apps that open the domain's links (creator plan or above). Either may be left out or set to null. */
export class DomainAppsDto {
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => IosAppDto)
  ios?: IosAppDto | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => AndroidAppDto)
  android?: AndroidAppDto | null;
}

/** The apps as the API returns them, defaults filled in. */
export class IosAppViewDto {
  appId: string;
  teamId: string;
  paths: string[];
  webCredentials: boolean;
}

export class AndroidAppViewDto {
  packageName: string;
  sha256CertFingerprints: string[];
  paths: string[];
}

export class DomainAppsViewDto {
  ios: IosAppViewDto | null;
  android: AndroidAppViewDto | null;
}

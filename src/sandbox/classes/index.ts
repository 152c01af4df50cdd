import type { SandboxClass } from '../sandbox.types.js';
import { otpSandbox } from './otp.sandbox.js';
import { userSandbox } from './user.sandbox.js';

/** Every simulated Afilnet class by its wire name; a new class is one file and one line here. */
export const SANDBOX_CLASSES: Readonly<Record<string, SandboxClass>> = {
  otp: otpSandbox,
  user: userSandbox,
};

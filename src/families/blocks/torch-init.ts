/**
 * Python for the weight initialisation torchvision's convnet constructors apply (MobileNetV2, MNASNet):
 * convs from `kaiming_normal_(mode="fan_out")` (ReLU's gain, the default's too), norms at 1 and 0, biases 0,
 * linears as the class draws them. Written code that replaces modules after the constructor ran calls it
 * on them, so that the whole network starts as the class would start it.
 */

/**
 * A Python function `initialise(*modules)` initialising every module under `modules` as `className`'s
 * constructor does; `linear` is the statement that draws a linear's weight `m.weight`.
 *
 * @example
 * ```ts
 * torchvisionInitialiser('MobileNetV2', 'nn.init.normal_(m.weight, 0, 0.01)');
 * // 'def initialise(*modules):\n    """As MobileNetV2\'s constructor initialises its modules."""\n ...'
 * ```
 */
export function torchvisionInitialiser(className: string, linear: string): string {
  return `def initialise(*modules):
    """As ${className}'s constructor initialises its modules."""
    for module in modules:
        for m in module.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                ${linear}
                nn.init.zeros_(m.bias)
`;
}

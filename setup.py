"""Packaging for mpq_nb, read from settings.ini (the classic nbdev setup.py, without `pkg_resources`)."""
from configparser import ConfigParser
import setuptools, shlex

cfg = ConfigParser(delimiters=['='])
cfg.read('settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']
expected = 'version description keywords author author_email license status min_python audience language'.split()
missing = [k for k in expected if k not in cfg]
if missing: raise KeyError(f"settings.ini is missing {missing}: add them under [DEFAULT]")

licenses = dict(apache2='Apache-2.0')   # SPDX expressions (setuptools deprecates license classifiers)
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive']
py_versions = '3.10 3.11 3.12'.split()
lic = licenses.get(cfg['license'].lower(), cfg['license'])
min_python = cfg['min_python']
requirements = shlex.split(cfg.get('requirements', ''))
dev_requirements = shlex.split(cfg.get('dev_requirements', ''))
deploy_requirements = shlex.split(cfg.get('deploy_requirements', ''))   # the torch-free runtime, mpq_nb.deploy
package_data = shlex.split(cfg.get('package_data', ''))

setuptools.setup(
    name=cfg['lib_name'],
    version=cfg['version'],
    description=cfg['description'],
    license=lic,
    classifiers=['Development Status :: ' + statuses[int(cfg['status'])],
                 'Intended Audience :: ' + cfg['audience'].title(),
                 'Natural Language :: ' + cfg['language'].title()]
                + [f'Programming Language :: Python :: {o}' for o in py_versions[py_versions.index(min_python):]],
    url=cfg['git_url'],
    packages=setuptools.find_namespace_packages(include=[cfg['lib_name'], cfg['lib_name'] + '.*']),   # assets/ too: package data
    # The package sits at the top of the repo. Saying so (rather than leaving package_dir empty) makes `pip install -e .`
    # put the repo on sys.path with a plain .pth file instead of setuptools' import hook for flat layouts, which emits a
    # warning ("Editable installation ... folders with the same name as your package") on every install, and which
    # static analysers (pyright, jedi) cannot follow. Non-editable installs are unchanged.
    package_dir={'': '.'},
    include_package_data=True,
    package_data={cfg['lib_name']: package_data},
    install_requires=requirements,
    extras_require={'dev': dev_requirements, 'deploy': deploy_requirements},
    python_requires='>=' + min_python,
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    zip_safe=False,
    entry_points={'console_scripts': cfg.get('console_scripts', '').split(),
                  'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
)
